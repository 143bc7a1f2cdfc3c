/**
 * Lab notification sinks, one process: the webhook sink (pager, Slack) and a real SMTP
 * server, both recording what Alertmanager sends so tests and chaos runs can prove it.
 * Usage: node --import tsx lab/sinks/main.ts
 */
import { join } from "node:path";
import { labPaths, repoRoot } from "../paths.js";
import { LAB_HOST, labPorts } from "../ports.js";
import { createHttpSink, type WebhookRecord } from "./httpSink.js";
import { JsonlRecorder } from "./recorder.js";
import { createSmtpSink, type MailRecord } from "./smtpSink.js";

const dir = labPaths(repoRoot()).sinks;
const webhooks = new JsonlRecorder<WebhookRecord>(join(dir, "webhooks.jsonl"));
const mail = new JsonlRecorder<MailRecord>(join(dir, "mail.jsonl"));

const http = createHttpSink(webhooks, mail);
const smtp = createSmtpSink(mail);
http.listen(labPorts.sinksHttp, LAB_HOST, () => console.error(`webhook sink on http://${LAB_HOST}:${labPorts.sinksHttp}`));
smtp.listen(labPorts.sinksSmtp, LAB_HOST, () => console.error(`SMTP sink on ${LAB_HOST}:${labPorts.sinksSmtp}`));
smtp.on("error", (err) => console.error("smtp:", err));

const stop = () => {
  http.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
