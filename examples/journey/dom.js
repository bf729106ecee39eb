// Shared by the viewer's modules: colours, glyphs, formatting, and tiny DOM/SVG builders.
import { apiFetch } from './token.js'

export const STAGES = ['awareness', 'consideration', 'purchase', 'retention', 'advocacy']
export const LANES = [...STAGES, 'unstaged']
export const CHANNEL_COLORS = {
  direct: '#6b7280',
  organic_search: '#16a34a',
  paid_search: '#ca8a04',
  social: '#2563eb',
  paid_social: '#7c3aed',
  email: '#ea580c',
  referral: '#0d9488',
  display: '#db2777',
  affiliate: '#92400e',
}
export const TYPE_GLYPHS = {
  page_view: 'P',
  review_read: 'R',
  chat_open: 'C',
  form_submit: 'F',
  identify: 'I',
  page_vitals: 'V',
  feedback: '★',
  form_abandon: 'A',
  rage_click: '!',
  purchase: '$',
}
const SVG_NS = 'http://www.w3.org/2000/svg'
export const $ = (selector) => document.querySelector(selector)

export const label = (name) => name.replaceAll('_', ' ')
export const colorOf = (channel) => CHANNEL_COLORS[channel] ?? '#9ca3af'
export const glyphOf = (type) => TYPE_GLYPHS[type] ?? type.slice(0, 1).toUpperCase()
// The tail: UUIDv7 ids of one day share their first characters (a timestamp).
export const short = (id) => (id.length > 13 ? `…${id.slice(-10)}` : id)

export const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value)
  }
  node.append(...children.flat().filter((child) => child !== undefined && child !== null))
  return node
}
export const svg = (tag, attrs = {}, ...children) => {
  const node = document.createElementNS(SVG_NS, tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else if (value !== undefined && value !== null) node.setAttribute(key, value)
  }
  node.append(...children.flat().filter((child) => child !== undefined && child !== null))
  return node
}
export const dot = (channel) =>
  el('span', { class: 'dot', style: `background:${colorOf(channel)}` })

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })
export const ago = (iso) => {
  const seconds = (Date.parse(iso) - Date.now()) / 1_000
  const [unit, size] =
    Math.abs(seconds) < 60
      ? ['second', 1]
      : Math.abs(seconds) < 3_600
        ? ['minute', 60]
        : Math.abs(seconds) < 86_400
          ? ['hour', 3_600]
          : ['day', 86_400]
  return relative.format(Math.round(seconds / size), unit)
}
export const dayTime = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})
export const day = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' })
export const clock = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/** Fetches JSON from the collector's API (with the read token, see token.js). */
export const getJson = async (path) => {
  const response = await apiFetch(path)
  if (!response.ok) throw new Error(`${path}: ${response.status}`)
  return response.json()
}

/**
 * Like getJson, for the APIs an older collector may lack: undefined when it answers 404 (or 501),
 * so a panel can say "not available" instead of failing the page.
 */
export const getOptionalJson = async (path) => {
  const response = await apiFetch(path)
  if (response.status === 404 || response.status === 501) return undefined
  if (!response.ok) throw new Error(`${path}: ${response.status}`)
  return response.json()
}
