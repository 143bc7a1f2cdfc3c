import { SMTPServer } from "smtp-server";
import type { JsonlRecorder } from "./recorder.js";

export interface MailRecord {
  time: string;
  envelope: { from: string | null; to: string[] };
  subject: string | null;
  size: number;
}

function subjectOf(raw: string): string | null {
  const headers = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  // Unfold continuation lines before looking for the header.
  const match = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(headers);
  return match?.[1] === undefined ? null : match[1].replace(/\r?\n[ \t]+/g, " ").trim();
}

/** A real SMTP server (no auth, no TLS) that accepts and records every mail. */
export function createSmtpSink(recorder: JsonlRecorder<MailRecord>): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    banner: "surveillance-chaos lab mail sink",
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const from = session.envelope.mailFrom;
        recorder.add({
          time: new Date().toISOString(),
          envelope: { from: from === false ? null : from.address, to: session.envelope.rcptTo.map((r) => r.address) },
          subject: subjectOf(raw),
          size: raw.length,
        });
        callback();
      });
    },
  });
}
