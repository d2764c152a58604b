import { count, people, percent, readinessBar } from '../../src/admin/bars';

describe('readiness bars', () => {
  it('fills ten cells in proportion and rounds the percentage down', () => {
    expect(readinessBar(62, 100)).toBe('▓▓▓▓▓▓░░░░ 62%');
    expect(readinessBar(999, 1000)).toBe('▓▓▓▓▓▓▓▓▓░ 99%');
    expect(readinessBar(1000, 1000)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
  });

  it('shows any progress with at least one cell, and nothing for nothing', () => {
    expect(readinessBar(1, 50_000)).toBe('▓░░░░░░░░░ 0%');
    expect(readinessBar(0, 10)).toBe('░░░░░░░░░░ 0%');
  });

  it('copes with an empty company and never exceeds the whole', () => {
    expect(readinessBar(0, 0)).toBe('░░░░░░░░░░ 0%');
    expect(percent(12, 10)).toBe(100);
  });

  it('formats counts with thousands separators and the right noun', () => {
    expect(count(50_000)).toBe('50,000');
    expect(people(1)).toBe('1 person');
    expect(people(2345)).toBe('2,345 people');
  });
});
