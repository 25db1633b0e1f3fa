/**
 * The least a webhook receiver written in Node does, as a yardstick for `app-bench.js`: a bare
 * node:http server on 127.0.0.1 that reads a delivery's body, checks its `X-Hub-Signature-256`
 * (HMAC-SHA256 with the bench's secret), parses the JSON and answers 200. No framework, no queue,
 * no logs. Prints its port on stdout once listening.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const secret = process.env.WEBHOOK_SECRET ?? "";
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const expected = Buffer.from(
      `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    );
    const given = Buffer.from(String(req.headers["x-hub-signature-256"] ?? ""));
    let status = expected.length === given.length && timingSafeEqual(expected, given) ? 200 : 400;
    if (status === 200) {
      try {
        JSON.parse(body.toString("utf8"));
      } catch {
        status = 400;
      }
    }
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(status === 200 ? "ok\n" : "bad delivery\n");
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${server.address().port}\n`);
});
