// Node's fetch reads no file: URLs. For the tests that call a browser entry's init() in Node: a
// fetch that answers from the files on disk, as a server would.
import { readFileSync } from 'node:fs';

/** Runs `run` with that fetch in place of Node's; returns the names of the files fetched, in order. */
export async function fetching(run) {
  const fetched = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    const file = new URL(String(url));
    fetched.push(file.pathname.split('/').pop());
    const type = file.pathname.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream';
    return new Response(readFileSync(file), { headers: { 'content-type': type } });
  };
  try {
    await run();
  } finally {
    globalThis.fetch = realFetch;
  }
  return fetched;
}
