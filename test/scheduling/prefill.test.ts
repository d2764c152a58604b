import { parsePrefill } from '../../src/scheduling/prefill';

describe('reading /schedule-interview text into the form', () => {
  it('takes the email, escaped mentions and a duration, in any order', () => {
    expect(parsePrefill('jane@example.com <@U0ALICE|alice> <@U0BOB> 45m')).toEqual({
      candidateEmail: 'jane@example.com',
      interviewerIds: ['U0ALICE', 'U0BOB'],
      handles: [],
      durationText: '45m',
    });
  });

  it('reads Slack’s escaped mailto links, a video word and the remaining words as the candidate’s name', () => {
    expect(parsePrefill('Jane  Doe <mailto:Jane@Example.com|Jane@Example.com> 1h30 zoom <@U0ALICE> <@U0ALICE>')).toEqual({
      candidateName: 'Jane Doe',
      candidateEmail: 'jane@example.com',
      interviewerIds: ['U0ALICE'],
      handles: [],
      durationText: '1h30',
      video: 'zoom',
    });
  });

  it('keeps unescaped @names for the caller to resolve and ignores other Slack markup', () => {
    expect(parsePrefill('@alice @bob <#C123|general> "Jane"')).toEqual({ candidateName: 'Jane', interviewerIds: [], handles: ['alice', 'bob'] });
  });

  it('gives an empty prefill for empty text', () => {
    expect(parsePrefill('   ')).toEqual({ interviewerIds: [], handles: [] });
  });
});
