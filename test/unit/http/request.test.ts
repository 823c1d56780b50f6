import { describe, expect, it } from 'vitest';
import { groupsOf } from '../../../shared/http/request';

describe('groupsOf', () => {
  it.each([
    [['admin'], ['admin']],
    ['[admin]', ['admin']],
    ['[admin staff]', ['admin', 'staff']],
    ['["admin","staff"]', ['admin', 'staff']],
    ['admin', ['admin']],
    [undefined, []],
    [42, []],
  ])('%j -> %j', (claim, groups) => {
    expect(groupsOf(claim)).toEqual(groups);
  });
});
