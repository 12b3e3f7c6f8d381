import { Eta } from 'eta';

/**
 * The hosted pages' template engine. Eta escapes every `<%= %>` for HTML text and quoted
 * attributes (& < > " '); only `<%~ %>` writes raw markup, and the templates use it solely
 * for markup this library builds itself (the badges, the QR code SVG, nested templates).
 * Templates are compiled once, when this module loads.
 */
export const views = new Eta({ autoEscape: true, autoTrim: false, cache: true });

/** Registers a template under `@name` and returns its renderer. */
export function view<T extends object>(name: string, template: string): (data: T) => string {
  views.loadTemplate(`@${name}`, template);
  return (data) => views.render(`@${name}`, data);
}
