// `failNext`: answer matching requests with a chosen status, body and delay instead of handling them.
import { emptyResponse, jsonResponse, type SimRequest, type SimResponse } from './http';

export interface FaultMatch {
  method?: string;
  /** Exact path (no query string) or a pattern tested against it. */
  path: string | RegExp;
}

export interface Fault {
  status: number;
  /** Objects are sent as JSON, strings as they are. */
  body?: unknown;
  /** How many matching requests fail; default 1. `Infinity` keeps failing until `clearFaults()`. */
  times?: number;
  /** Wait before answering, to simulate slow responses and client timeouts. */
  delayMs?: number;
}

interface FaultRule {
  match: FaultMatch;
  response: SimResponse;
  remaining: number;
  delayMs: number;
}

export interface FaultInjector {
  add(match: FaultMatch, fault: Fault): void;
  take(request: SimRequest): { response: SimResponse; delayMs: number } | undefined;
  /** Drops every pending fault (Cronofy "recovers"). */
  clear(): void;
}

export function createFaultInjector(): FaultInjector {
  const rules: FaultRule[] = [];

  function add(match: FaultMatch, fault: Fault): void {
    rules.push({ match, response: faultResponse(fault), remaining: fault.times ?? 1, delayMs: fault.delayMs ?? 0 });
  }

  function take(request: SimRequest): { response: SimResponse; delayMs: number } | undefined {
    const rule = rules.find((candidate) => matches(candidate.match, request));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.splice(rules.indexOf(rule), 1);
    return { response: rule.response, delayMs: rule.delayMs };
  }

  return { add, take, clear: () => void rules.splice(0) };
}

function matches(match: FaultMatch, request: SimRequest): boolean {
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  return typeof match.path === 'string' ? match.path === request.path : match.path.test(request.path);
}

function faultResponse(fault: Fault): SimResponse {
  const headers: Record<string, string> = fault.status === 429 ? { 'Retry-After': '1' } : {};
  if (fault.body === undefined) return emptyResponse(fault.status, headers);
  if (typeof fault.body === 'string') return { status: fault.status, headers, body: fault.body };
  return jsonResponse(fault.status, fault.body, headers);
}
