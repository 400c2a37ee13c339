/** `npm run size`: the widget's chunks, raw and gzip, against the budgets. */
import { BUDGETS, widgetSizes } from './sizes';

const { loader, app, lazy, total } = widgetSizes();
const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
const row = (name: string, raw: string, gzip: string, budget = '') =>
  console.log(`  ${name.padEnd(26)} ${raw.padStart(10)} ${gzip.padStart(10)}   ${budget}`);

console.log('\nWidget size (gzip -9, kB = 1000 bytes)\n');
row('file', 'raw', 'gzip', 'budget');
row(loader.file, kb(loader.bytes), kb(loader.gzip), `${kb(BUDGETS.loader)} loader`);
for (const chunk of app) row(chunk.file, kb(chunk.bytes), kb(chunk.gzip));
for (const chunk of lazy) {
  row(chunk.file, kb(chunk.bytes), kb(chunk.gzip), `${kb(BUDGETS.lazyChunk)} on demand`);
}
row('whole widget', '', kb(total), `${kb(BUDGETS.widget)} loader + app + CSS + largest language`);
const over =
  loader.gzip > BUDGETS.loader ||
  total > BUDGETS.widget ||
  lazy.some((chunk) => chunk.gzip > BUDGETS.lazyChunk);
console.log(over ? '\n  Over budget.\n' : '\n  Within budget.\n');
process.exitCode = over ? 1 : 0;
