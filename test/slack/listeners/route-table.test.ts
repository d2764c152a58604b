import { dispatchBy, routeTable } from '../../../src/slack/listeners/route-table';

describe('routeTable', () => {
  const handler = (name: string) => async (calls: string[]) => {
    calls.push(name);
  };

  it('finds exact ids first, then patterns in the order given, and nothing for an unknown id', async () => {
    const handlerFor = routeTable<string[]>([
      [/^status-/, handler('status pattern')],
      ['status-next', handler('next')],
      [/^status-page/, handler('page pattern')],
    ]);
    const calls: string[] = [];
    await handlerFor('status-next')?.(calls);
    await handlerFor('status-page-previous')?.(calls);
    expect(calls).toEqual(['next', 'status pattern']);
    expect(handlerFor('enterprise_unlink')).toBeUndefined();
  });

  it('refuses two handlers for one id, which would leave one of them dead', () => {
    expect(() => routeTable<string[]>([['a', handler('first')], ['a', handler('second')]])).toThrow('two handlers for a');
  });

  it('dispatches a request to the handler for its id, and does nothing for an unknown id', async () => {
    const calls: string[] = [];
    const dispatch = dispatchBy<{ id: string }>((args) => args.id, [
      ['a', async () => void calls.push('a')],
      [/^b/, async (args) => void calls.push(`pattern ${args.id}`)],
    ]);
    await dispatch({ id: 'a' });
    await dispatch({ id: 'bee' });
    await dispatch({ id: 'zzz' });
    expect(calls).toEqual(['a', 'pattern bee']);
  });
});
