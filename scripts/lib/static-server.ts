import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sirv from "sirv";

/**
 * A real static file server for a built site, on 127.0.0.1, optionally under
 * a path prefix (as GitHub Pages serves a project site). Unknown paths get
 * the site's 404.html with status 404, as static hosts do.
 */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, pathPrefix = "/", port = 0): Promise<StaticServer> {
  const files = sirv(root, { dev: true, etag: false, dotfiles: false });
  const notFound = async (res: http.ServerResponse) => {
    res.statusCode = 404;
    res.setHeader("content-type", "text/html; charset=utf-8");
    try {
      res.end(await readFile(path.join(root, "404.html")));
    } catch {
      res.end("not found");
    }
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (!url.startsWith(pathPrefix)) {
      void notFound(res);
      return;
    }
    req.url = `/${url.slice(pathPrefix.length)}`;
    files(req, res, () => void notFound(res));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // A browser still open keeps its connections alive: closing does not wait for them.
        server.closeAllConnections();
      }),
  };
}
