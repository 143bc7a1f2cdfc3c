import type { SecretResolver } from "../engine/probes/ProbeDriver";

/** The CLI's secrets come from the environment only: SURVEILLANCE_CHAOS_SECRET_<NAME>, upper-cased. */
export function envSecrets(env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return async (name) => env[`SURVEILLANCE_CHAOS_SECRET_${name.toUpperCase()}`];
}
