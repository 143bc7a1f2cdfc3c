import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as z from "zod";
import { HttpClient, encodeParams } from "../../../src/engine/clients/httpClient";
import { closedPort, startFakeHttpServer } from "./fakeHttpServer";

describe("HttpClient", () => {
  let server: Awaited<ReturnType<typeof startFakeHttpServer>>;
  before(async () => {
    server = await startFakeHttpServer((req) => {
      if (req.url === "/slow") return { body: { never: "sent in time" } };
      if (req.url === "/html") return { body: "<html>oops</html>", type: "text/html" };
      return { body: { auth: req.headers.authorization ?? null } };
    });
  });
  after(() => server.close());

  it("sends the bearer token resolved from secrets", async () => {
    const http = new HttpClient({ name: "prom", url: server.url, token: { secret: "PROM_TOKEN" } }, { secrets: async (n) => (n === "PROM_TOKEN" ? "s3cret" : undefined) });
    assert.deepEqual(await http.getJson("/", z.object({ auth: z.string() })), { auth: "Bearer s3cret" });
  });

  it("sends basic auth with a password from secrets", async () => {
    const http = new HttpClient({ name: "graf", url: server.url, username: "admin", password: { secret: "P" } }, { secrets: async () => "pw" });
    const body = await http.getJson("/", z.object({ auth: z.string() }));
    assert.equal(body.auth, `Basic ${Buffer.from("admin:pw").toString("base64")}`);
  });

  it("names a missing secret without sending the request", async () => {
    const before = server.requests.length;
    const http = new HttpClient({ name: "prom", url: server.url, token: { secret: "NOPE" } }, { secrets: async () => undefined });
    await assert.rejects(http.getText("/"), /prom at .* needs secret NOPE, which is not set/);
    assert.equal(server.requests.length, before);
  });

  it("words a refused connection as unreachable, with no credentials in the message", async () => {
    const port = await closedPort();
    const http = new HttpClient({ name: "prometheus", url: `http://127.0.0.1:${port}`, token: { secret: "T" } }, { secrets: async () => "s3cret" });
    const err = await http.getText("/-/ready").catch((e: unknown) => e as Error);
    assert.equal((err as Error).message, `prometheus at http://127.0.0.1:${port} unreachable: ECONNREFUSED`);
    assert.doesNotMatch(JSON.stringify(err), /s3cret/);
  });

  it("reports a body that is not JSON or not the right shape", async () => {
    const http = new HttpClient({ name: "dash", url: server.url });
    await assert.rejects(http.getJson("/html", z.object({})), /answered \/html with something that is not JSON: <html>oops<\/html>/);
    await assert.rejects(http.getJson("/", z.object({ status: z.string() })), /unexpected shape at status/);
  });

  it("cancels on the AbortSignal", async () => {
    const http = new HttpClient({ name: "dash", url: server.url });
    await assert.rejects(http.getText("/", { signal: AbortSignal.abort() }), /unreachable: request cancelled/);
  });

  it("encodes repeated params without brackets", () => {
    assert.equal(encodeParams({ filter: ['a="1"', 'b="2"'], active: true, skip: undefined }), "filter=a%3D%221%22&filter=b%3D%222%22&active=true");
  });
});
