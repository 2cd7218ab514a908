import type { Paged } from '../lib/usePaged.js';
import { LoadMore } from './LoadMore.js';

/** The table props of a `usePaged` list: its rows, a spinner while the first page loads, no local paging. */
export function pagedTable<T>(list: Paged<T>) {
  return {
    rowKey: 'id',
    size: 'middle' as const,
    dataSource: list.items,
    loading: list.loading && list.items.length === 0,
    pagination: false as const,
  };
}

/** The "load more" footer of a `usePaged` list. */
export function PagedMore({ list }: { list: Paged<unknown> }) {
  return (
    <LoadMore count={list.items.length} hasMore={list.hasMore} loading={list.loading} onMore={() => void list.more()} />
  );
}
