// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseLink } from '../../../src/core/link'
import { decorateLinks } from '../../../src/identity/decorateLinks'
import { resolveOptions } from '../../../src/options'
import type { VisitorIds } from '../../../src/types'
import { captureContext } from '../../support/captureContext'

const A = '0193a4c2-0000-7000-8000-00000000000a'
const SID = '0193a4c2-0000-7000-8000-00000000000b'

describe('decorateLinks', () => {
  let ids: VisitorIds | undefined
  let stop = () => {}
  const context = captureContext({
    // This page's own host is listed too, as a brand lists all its sites on each.
    linkDomains: ['shop.example', 'blog.example', location.hostname],
    visitor: () => ids,
  })
  /** A link in the page, followed with `init` (a click by default). */
  const follow = (href: string, init: MouseEventInit & { type?: string } = {}) => {
    const a = document.createElement('a')
    a.href = href
    a.innerHTML = '<span>go</span>'
    document.body.append(a)
    // Nothing navigates here: the test reads the href the browser would follow.
    a.addEventListener(init.type ?? 'click', (event) => event.preventDefault())
    a.firstElementChild!.dispatchEvent(
      new MouseEvent(init.type ?? 'click', { bubbles: true, cancelable: true, ...init }),
    )
    return a.href
  }
  /** The ids the followed `href` carries, as the destination reads them. */
  const carried = (href: string) => {
    const link = parseLink(new URL(href).searchParams.get('_tt')!, Date.now())
    return link && [link.anonymousId, link.session?.id, link.session?.channel]
  }
  const IDS = [A, SID, 'email']

  beforeEach(() => {
    ids = { anonymousId: A, session: { id: SID, lastAt: Date.now(), channel: 'email' } }
    stop = decorateLinks()(vi.fn(), context)
  })
  afterEach(() => {
    stop()
    document.body.innerHTML = ''
  })

  it('adds the ids to a followed link to a linked domain or its subdomain', () => {
    for (const href of ['https://shop.example/cart?x=1#pay', 'https://www.blog.example/']) {
      const followed = follow(href)
      expect(carried(followed)).toEqual(IDS)
      expect(new URL(followed).hash).toBe(new URL(href).hash)
    }
    expect(new URL(follow('https://shop.example/cart?x=1')).searchParams.get('x')).toBe('1')
  })

  it('decorates a middle click, and not a right click', () => {
    expect(carried(follow('https://shop.example/', { type: 'auxclick', button: 1 }))).toEqual(IDS)
    expect(follow('https://shop.example/', { type: 'auxclick', button: 2 })).toBe(
      'https://shop.example/',
    )
  })

  it('replaces an earlier _tt on a link followed again', () => {
    const a = follow('https://shop.example/?_tt=old&a=1')
    expect(a.match(/_tt=/g)).toHaveLength(1)
    expect(new URL(a).searchParams.get('a')).toBe('1')
    expect(carried(a)).toEqual(IDS)
  })

  it('leaves links alone without consent, to other hosts, schemes, and this origin', () => {
    const own = `${location.origin}/next`
    const others = ['https://myshop.example/', 'mailto:a@shop.example', own]
    for (const href of others) expect(follow(href)).toBe(new URL(href).href)
    ids = undefined
    expect(follow('https://shop.example/')).toBe('https://shop.example/')
  })

  it('decorates another origin on this host (another port)', () => {
    expect(carried(follow(`http://${location.hostname}:1/x`))).toEqual(IDS)
  })

  it('leaves the markup alone until a link is followed, and stops', () => {
    const a = document.createElement('a')
    a.href = 'https://shop.example/'
    document.body.append(a)
    expect(a.href).toBe('https://shop.example/')
    stop()
    expect(follow('https://shop.example/')).toBe('https://shop.example/')
  })
})

describe('the linkDomains option', () => {
  const resolve = (linkDomains: unknown) => {
    const report = vi.fn()
    const o = resolveOptions({ collector: 'https://c.example/t', linkDomains } as never, report)
    return { linkDomains: o?.linkDomains, report }
  }

  it('keeps host names', () => {
    expect(resolve(['shop.example', 'blog.example.co.uk', '127.0.0.1']).linkDomains).toEqual([
      'shop.example',
      'blog.example.co.uk',
      '127.0.0.1',
    ])
    expect(resolve(undefined).linkDomains).toEqual([])
  })

  it('drops and reports entries with a scheme, port, path or capitals', () => {
    const bad = ['https://shop.example', 'shop.example:8080', 'shop.example/', 'Shop.example']
    const { linkDomains, report } = resolve(['blog.example', ...bad])
    expect(linkDomains).toEqual(['blog.example'])
    expect(report).toHaveBeenCalledTimes(bad.length)
    expect(report).toHaveBeenCalledWith('config', expect.stringContaining('https://shop.example'))
  })
})
