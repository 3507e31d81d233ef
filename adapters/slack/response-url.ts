// Posts replies to response_url (slash commands, button clicks) as JSON over kept-alive connections.
import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** A response_url that answered with a status other than 2xx; `statusCode` is what toPostError classifies. */
export class ResponseUrlError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = "ResponseUrlError";
  }
}

export interface ResponseUrlPoster {
  post(url: string | undefined, message: object): Promise<void>;
  /** Closes the kept-alive connections (adapter stop). */
  close(): void;
}

/**
 * What Bolt's `respond` does (POST the message as JSON, fail on a non-2xx status), on node:http with one
 * keep-alive agent per scheme. Bolt's goes through `fetch`, whose web streams, request clone and body tee
 * made a search reply's post cost 2–2.5× the CPU (20 concurrent posts of a 6 KB reply to a local server,
 * client and server counted). Unlike `fetch` without a signal, this gives up after `timeoutMs`.
 */
export function createResponseUrlPoster(timeoutMs: number): ResponseUrlPoster {
  const agents = {
    "http:": new HttpAgent({ keepAlive: true }),
    "https:": new HttpsAgent({ keepAlive: true }),
  };
  const post = (url: string | undefined, message: object) =>
    new Promise<void>((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url ?? "");
      } catch {
        reject(new Error("This interaction has no usable response_url to answer."));
        return;
      }
      if (target.protocol !== "https:" && target.protocol !== "http:") {
        reject(new Error(`A response_url must be http(s), not ${target.protocol}`));
        return;
      }
      // Written as a string (Node encodes it into the socket): no intermediate Buffer of the 6 KB reply.
      const body = JSON.stringify(message);
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const req: ClientRequest = send(target, {
        method: "POST",
        agent: agents[target.protocol],
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(body, "utf8"),
        },
        timeout: timeoutMs,
      });
      req.on("response", (res: IncomingMessage) => {
        // The body is read to its end (and dropped) so the connection goes back to the pool.
        res.resume();
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else {
            reject(
              new ResponseUrlError(
                `Failed to respond to the response_url: ${status} ${res.statusMessage ?? ""}`.trim(),
                status,
              ),
            );
          }
        });
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`response_url did not answer within ${timeoutMs} ms`)));
      req.on("error", reject);
      req.end(body, "utf8");
    });
  return {
    post,
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
