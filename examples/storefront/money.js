// Prices and the visitor's currency. The shop prices in euros; a visitor may switch to pounds in
// the header (a locale switch), and pays, and is tracked, in the currency they saw.

const KEY = 'northwind:currency'

/** The currencies the shop sells in, with the rate from its euro prices. */
export const CURRENCIES = { EUR: 1, GBP: 0.86 }

/** The visitor's currency: their choice in this browser, else euros. */
export const currency = () => {
  try {
    const chosen = localStorage.getItem(KEY)
    return chosen in CURRENCIES ? chosen : 'EUR'
  } catch {
    return 'EUR'
  }
}

/** Remembers the visitor's currency. */
export const chooseCurrency = (code) => {
  if (code in CURRENCIES) localStorage.setItem(KEY, code)
}

/** A euro price in the visitor's currency, rounded to the cent. */
export const amountOf = (euros) => Math.round(euros * CURRENCIES[currency()] * 100) / 100

/** A euro price as the visitor reads it: "€16.00", "£13.76". */
export const price = (euros) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency() }).format(
    amountOf(euros),
  )
