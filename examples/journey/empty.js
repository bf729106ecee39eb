// What the journey page says while it has no touchpoints: where they come from. Under
// `npm run demo` the collector also serves /demo/sites.json (the storefront's and the blog's URLs),
// so the page can link them; a collector running alone has no such file.
import { el } from './dom.js'

// Read once, before the page's first render (a module's top-level await holds its importers).
const sites = await fetch('/demo/sites.json')
  .then((response) => (response.ok ? response.json() : undefined))
  .catch(() => undefined) // no demo: the hint names the command instead of links

const link = (href, text) => el('a', { href, target: '_blank', rel: 'noopener' }, text)

/** The empty state's sentence, with links to the demo's sites when they are known. */
export const emptyHint = () =>
  sites
    ? el(
        'p',
        { class: 'empty' },
        'No touchpoints yet: open the ',
        link(sites.storefront, 'storefront'),
        ' or the ',
        link(sites.blog, 'blog'),
        ' and look around, or run ',
        el('code', {}, 'npm run simulate'),
        ' in another terminal to send 12 simulated visitors.',
      )
    : el(
        'p',
        { class: 'empty' },
        'No touchpoints yet: send some from a site that uses touchtrail with this collector, ' +
          'or run ',
        el('code', {}, 'npm run demo'),
        ' for two example sites.',
      )
