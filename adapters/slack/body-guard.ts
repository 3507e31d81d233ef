// Refuses a request body that is not a JSON object before Bolt reads it: Bolt's receiver reads `body.ssl_check`
// of whatever the body parses to, and a signed `null` (or `payload=null`) became a crash of the whole process.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";

/** Bolt's own limit (HTTPModuleFunctions.defaultBodyLimit): a larger body is refused the way Bolt would. */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const FORM = "application/x-www-form-urlencoded";

/**
 * Whether Bolt's receiver would parse this body into an object, reading it as Bolt does: a form body's
 * `payload` field as JSON when it has one, else the form itself; any other content type as JSON.
 */
export function isObjectBody(raw: string, contentType: string | undefined): boolean {
  let value: unknown;
  try {
    if (contentType === FORM) {
      const form = parseQuery(raw);
      value = typeof form.payload === "string" ? JSON.parse(form.payload) : form;
    } else {
      value = JSON.parse(raw);
    }
  } catch {
    return false;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { connection: "close" });
  res.end();
}

/** Reads a request's body up to the limit; undefined when it is larger or the connection fails. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(size > BODY_LIMIT_BYTES ? undefined : Buffer.concat(chunks)));
    req.on("error", () => resolve(undefined));
  });
}

/**
 * Puts the guard in front of every request listener of Bolt's HTTP server: a POST whose body is not an
 * object gets a 400 and never reaches Bolt; any other body is handed on already read (Bolt takes a
 * buffered `rawBody` as it is, and still checks the signature).
 */
export function guardRequestBodies(server: Server): void {
  const listeners = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST") {
      for (const listener of listeners) listener(req, res);
      return;
    }
    void readBody(req).then((body) => {
      if (!body) return refuse(res, 413);
      if (!isObjectBody(body.toString("utf8"), req.headers["content-type"])) return refuse(res, 400);
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
      for (const listener of listeners) listener(req, res);
    });
  });
}
