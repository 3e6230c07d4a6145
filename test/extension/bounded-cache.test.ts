/** The editor's caches (file host, explanation documents) stay within their entry and character bounds. */
import * as assert from 'node:assert/strict';
import { BoundedCache, textWeight } from '../../src/extension/bounded-cache';

describe('bounded cache (LRU)', () => {
  it('past the entry bound, the least recently used entries are evicted', () => {
    const cache = new BoundedCache<string, string>(3, 1_000, textWeight);
    for (const k of ['a', 'b', 'c']) cache.set(k, k);
    assert.equal(cache.get('a'), 'a'); // a is now the most recently used; b is the oldest
    cache.set('d', 'd');
    cache.set('e', 'e');
    assert.equal(cache.size, 3);
    assert.deepEqual([...cache.keys()], ['a', 'd', 'e']);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('c'), undefined);
  });

  it('past the character bound, oldest entries go until the total fits; an oversize entry is not kept', () => {
    const cache = new BoundedCache<string, string | null>(100, 10, textWeight);
    cache.set('x', '1234');
    cache.set('y', '1234');
    cache.set('miss', null);
    assert.equal(cache.totalWeight, 9);
    cache.set('z', '123');
    assert.ok(!cache.has('x'));
    assert.deepEqual([...cache.keys()], ['y', 'miss', 'z']);
    assert.equal(cache.totalWeight, 8);
    cache.set('huge', '12345678901');
    assert.ok(!cache.has('huge'));
    assert.equal(cache.totalWeight, 8);
    for (let i = 0; i < 1000; i++) cache.set(`k${i}`, 'ab');
    assert.ok(cache.totalWeight <= 10 && cache.size === 5);
  });

  it('replacing and deleting keep the weight exact', () => {
    const cache = new BoundedCache<string, readonly string[] | null>(10, 100, textWeight);
    cache.set('d', ['a.bicep', 'b.bicep']);
    cache.set('d', ['a.bicep']);
    assert.equal(cache.totalWeight, textWeight(['a.bicep']));
    assert.ok(cache.delete('d'));
    assert.equal(cache.totalWeight, 0);
    assert.equal(cache.size, 0);
  });
});
