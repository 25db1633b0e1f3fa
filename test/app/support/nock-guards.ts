/**
 * Every test file's network rules: no real connection, no request nock cannot match, no mock left
 * unused after a test. Loopback requests (a test's own server) are not GitHub's and not counted.
 */
import { afterEach, beforeEach, expect } from "@jest/globals";
import nock from "nock";

export function useNockGuards(): { readonly unmatched: string[] } {
  const state = { unmatched: [] as string[] };
  const onNoMatch = (req: { method?: string; path?: string; href?: string }) => {
    if (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(req.href ?? "")) return;
    state.unmatched.push(`${req.method ?? "?"} ${req.href ?? req.path ?? "?"}`);
  };
  beforeEach(() => {
    nock.disableNetConnect();
    state.unmatched.length = 0;
    nock.emitter.on("no match", onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener("no match", onNoMatch);
    const pending = nock.pendingMocks();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(state.unmatched).toEqual([]);
    expect(pending).toEqual([]);
  });
  return state;
}
