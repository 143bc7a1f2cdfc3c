import * as z from "zod";

/** Loki's JSON push body. A third tuple element (structured metadata) is accepted and ignored. */
export const PushBody = z.object({
  streams: z.array(
    z.object({
      stream: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "invalid label name"), z.string()),
      values: z.array(z.tuple([z.string().regex(/^\d{1,19}$/, "timestamp must be nanoseconds as a string"), z.string()], z.unknown())),
    }),
  ),
});
export type PushBody = z.infer<typeof PushBody>;
