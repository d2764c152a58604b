// Public surface of the local Cronofy simulator (API host + app host in one node:http server).
export { createCronofySimulator, type CronofySimulator } from './simulator';
export type { CronofySimulatorOptions, RateLimit } from './config';
export type { PersonSeed, BusySeed, EnterpriseDomainSeed, SeededPerson } from './directory';
export type { Fault, FaultMatch } from './fault-injection';
export type { RequestLogEntry } from './server';
export type { Delivery } from './outbound';
export type { AccountSnapshot, EventSnapshot, PersonSnapshot, TokenSnapshot } from './snapshots';
export type { ConferencingProvider, CalendarProvider } from './model';
export { consent, consentConferencing, type ConsentResult } from './browser-client';
export { HMAC_HEADER, signBody } from './hmac';
