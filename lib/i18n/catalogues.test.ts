import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

import { locales } from './locales';
import { messagesFor } from './messages';

/**
 * Every catalogue says everything English says, with the same placeholders and tags: a key
 * missing from one would show its English text (or the key) on that language's pages, and a
 * placeholder spelled differently would print nothing where a value belongs.
 */

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(name, value);
    else for (const [inner, text] of flatten(value, name)) entries.set(inner, text);
  }
  return entries;
}

/** The names a message fills in: its arguments and its rich-text tags. */
function slots(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) found.add(`{${element.value}}`);
    if (element.type === TYPE.tag) {
      found.add(`<${element.value}>`);
      slots(element.children, found);
    }
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      found.add(`{${element.value}}`);
      for (const option of Object.values(element.options)) slots(option.value, found);
    }
  }
  return found;
}

const english = flatten(messagesFor('en') as Tree);

describe.each(locales.filter((locale) => locale !== 'en'))('the %s catalogue', (locale) => {
  const catalogue = flatten(messagesFor(locale) as Tree);

  it('has exactly the English keys', () => {
    expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('fills in the same placeholders and tags as English, and every message parses', () => {
    const differences = [...english].flatMap(([key, text]) => {
      const translated = catalogue.get(key);
      if (translated === undefined) return [];
      const expected = [...slots(parse(text))].sort();
      const actual = [...slots(parse(translated))].sort();
      return expected.join() === actual.join() ? [] : [{ key, expected, actual }];
    });
    expect(differences).toEqual([]);
  });

  it('translates: no message is left in English unless it is a name', () => {
    const names = /^(?:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*|[^A-Za-z]*)$/;
    const untranslated = [...english].filter(([key, text]) => catalogue.get(key) === text && !names.test(text)).map(([key]) => key);
    expect(untranslated).toEqual([]);
  });
});
