// Imported before any schema is built: zod's fast path compiles validators with
// new Function, which the page's CSP (rightly) forbids, and even probing for it is reported.
import * as z from "zod";

z.config({ jitless: true });
