// V8 "pretenures" an allocation site once most of its objects are seen surviving a young-generation collection:
// from then on they are born in the old generation. A readiness walk builds each page of people in one go and
// reads it at once, so whether a collection happens to land while a page is alive decides, run by run, whether
// V8 pretenures those sites. When it does, every page after that is garbage in the old generation until a full
// collection: measured on 50,000 people, `/integrations status` peaked at 240–256 MB instead of 190–205, and the
// CSV export right after it at 327–353 MB instead of 223–238, in about two runs out of three. Slotline's
// objects live for one request, one page or one job, which is what the young generation is for.
import v8 from 'node:v8';

export function keepShortLivedObjectsYoung(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
