/**
 * A list that keeps only the visible rows in the DOM: fixed row height, a spacer as tall as all rows,
 * rows positioned absolutely. 10,000 items cost 10,000 array slots, not 10,000 elements.
 */
export const ROW_HEIGHT = 24;
const OVERSCAN = 6;

export class VirtualList<T> {
  readonly root: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private items: readonly T[] = [];
  private frame = 0;
  private rendered = 0;

  constructor(
    private readonly renderRow: (item: T, index: number) => HTMLElement,
    private readonly onRendered: () => void,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'vlist';
    this.root.tabIndex = 0;
    this.root.setAttribute('role', 'listbox');
    this.spacer = document.createElement('div');
    this.spacer.className = 'vlist-spacer';
    this.root.append(this.spacer);
    this.root.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.root);
  }

  get renderedCount(): number { return this.rendered; }
  get length(): number { return this.items.length; }

  setItems(items: readonly T[]): void {
    this.items = items;
    this.spacer.style.height = `${items.length * ROW_HEIGHT}px`;
    this.schedule();
  }

  /** Scrolls so that item `index` is visible. */
  reveal(index: number): void {
    const top = index * ROW_HEIGHT;
    const view = this.root.clientHeight;
    if (top < this.root.scrollTop) this.root.scrollTop = top;
    else if (top + ROW_HEIGHT > this.root.scrollTop + view) this.root.scrollTop = top + ROW_HEIGHT - view;
    this.schedule();
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  /** Renders now (used when the list must be current before a state report). */
  render(): void {
    const height = this.root.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.root.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.items.length, Math.ceil((this.root.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const row = this.renderRow(this.items[i], i);
      row.style.top = `${i * ROW_HEIGHT}px`;
      row.style.height = `${ROW_HEIGHT}px`;
      rows.push(row);
    }
    this.spacer.replaceChildren(...rows);
    this.rendered = rows.length;
    this.onRendered();
  }
}
