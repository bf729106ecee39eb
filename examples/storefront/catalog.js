// The shop's products and their reviews: what a real shop would fetch from its own API.

/** Products, by slug. */
export const PRODUCTS = [
  {
    slug: 'yirgacheffe',
    name: 'Ethiopia Yirgacheffe',
    price: 16,
    color: '#c2410c',
    blurb: 'Washed heirloom beans; jasmine, bergamot and a clean lemon finish.',
    facts: [
      ['Roast', 'Light'],
      ['Origin', 'Konga, Gedeo zone'],
      ['Brew with', 'V60, Chemex, AeroPress'],
    ],
    detail:
      'Grown at 1,900–2,200 m by the Konga cooperative and roasted light, for filter brewing.',
  },
  {
    slug: 'huila',
    name: 'Colombia Huila',
    price: 14,
    color: '#7c2d12',
    blurb: 'Red apple, panela and milk chocolate. The one that pleases everyone.',
    facts: [
      ['Roast', 'Medium'],
      ['Origin', 'Pitalito, Huila'],
      ['Brew with', 'Moka pot, V60, French press'],
    ],
    detail: 'A medium roast from smallholders around Pitalito; as good in a moka pot as in a V60.',
  },
  {
    slug: 'house-espresso',
    name: 'House Espresso',
    price: 13,
    color: '#451a03',
    blurb: 'Brazil and Guatemala for a thick, sweet shot with cocoa and hazelnut.',
    facts: [
      ['Roast', 'Medium-dark'],
      ['Origin', 'Cerrado and Huehuetenango'],
      ['Brew with', 'Espresso, flat white'],
    ],
    detail: 'Roasted a little darker to cut through milk. Rest it a week after the roast date.',
  },
  {
    slug: 'pour-over-kit',
    name: 'Pour-over Kit',
    price: 42,
    color: '#0f766e',
    blurb: 'A ceramic dripper, 100 filters and a glass server for two cups.',
    facts: [
      ['Dripper', 'Porcelain, size 02'],
      ['Filters', '100 papers'],
      ['Server', '600 ml glass'],
    ],
    detail: 'Everything you need for the recipe on our blog, minus the kettle.',
  },
]

const REVIEWS = {
  yirgacheffe: [
    ['Mai', 5, 'Tastes like tea with lemon, in the best way. My new morning coffee.'],
    ['Tom', 4, 'Lovely and bright; a bit sharp as espresso, perfect in a Chemex.'],
    ['Linh', 5, 'Floral, sweet, and the bag arrived two days after roasting.'],
  ],
  huila: [
    [
      'Anna',
      5,
      'Chocolatey and round. My partner who "does not like light roasts" drinks it black.',
    ],
    ['Kofi', 4, 'Very balanced. I would happily buy a kilo bag if you sold one.'],
    ['Bao', 4, 'Good in the moka pot, even better as a flat white.'],
  ],
  'house-espresso': [
    ['Sara', 5, 'Thick crema and no bitterness, even on my cheap machine.'],
    ['Duc', 3, 'Nice with milk, a little flat on its own.'],
    ['Jon', 5, 'Finally an espresso blend that tastes of hazelnut and not of charcoal.'],
  ],
  'pour-over-kit': [
    ['Ha', 5, 'Beautiful dripper, heavy and stable. The server keeps it warm.'],
    ['Ben', 4, 'Great kit; I had to buy a gooseneck kettle too.'],
    ['Quyen', 5, 'Bought one as a gift and one for myself.'],
  ],
}

/** The product with this slug, or undefined. */
export const productBySlug = (slug) => PRODUCTS.find((product) => product.slug === slug)

/** A product's reviews, each with a stable id the review_read capture reports. */
export const reviewsOf = (slug) =>
  (REVIEWS[slug] ?? []).map(([author, rating, text], index) => ({
    id: `rev-${slug}-${index + 1}`,
    author,
    rating,
    text,
  }))
