import { describe, expect, it } from 'vitest'
import { redactUrl, SECRET_PARAMS } from '../../../src/core/redact'

describe('redactUrl', () => {
  it.each([
    [
      'https://shop.example/p/1?email=ann%40example.com&color=red',
      'https://shop.example/p/1?color=red',
    ],
    ['https://shop.example/?TOKEN=abc', 'https://shop.example/'],
    [
      'https://shop.example/?utm_source=google&access_token=x&gclid=1',
      'https://shop.example/?utm_source=google&gclid=1',
    ],
    ['https://shop.example/reset?resetToken=abc&step=2', 'https://shop.example/reset?step=2'],
    [
      'https://shop.example/?user_email=a&userEmail=b&x-api-key=c&apiKey=d&API-KEY=e&ok=1',
      'https://shop.example/?ok=1',
    ],
    [
      'https://shop.example/?new_password=p&pass=p&pwd=p&code=1&promo_code=SALE',
      'https://shop.example/?promo_code=SALE',
    ],
    [
      'https://shop.example/?sessionId=1&sid=2&session=3&auth=4&otp=5&ssn=6&phone=7&page=2',
      'https://shop.example/?page=2',
    ],
    ['https://shop.example/?user%5Bemail%5D=a&q=shoes', 'https://shop.example/?q=shoes'],
    ['https://shop.example/?e%6Dail=a&q=1', 'https://shop.example/?q=1'],
    ['https://shop.example/#/cart?token=t&step=1', 'https://shop.example/#/cart?step=1'],
    [
      'https://app.example/cb#access_token=t&token_type=bearer&state=s',
      'https://app.example/cb#token_type=bearer&state=s',
    ],
    ['https://app.example/cb#id_token=t', 'https://app.example/cb'],
    ['https://shop.example/?q=1#section', 'https://shop.example/?q=1#section'],
    ['/subscribe?email=ann%40example.com&list=weekly', '/subscribe?list=weekly'],
    ['subscribe?password=x', 'subscribe'],
    ['?token=1&a=2', '?a=2'],
    ['https://shop.example/?a=1&&b=2', 'https://shop.example/?a=1&&b=2'],
    ['https://shop.example/?%E0%A4%A=1', 'https://shop.example/?%E0%A4%A=1'],
  ])('%s → %s', (input, output) => {
    expect(redactUrl(input)).toBe(output)
  })

  it('returns what is not a URL as it is, and never throws', () => {
    expect(redactUrl('')).toBe('')
    expect(redactUrl('not a url')).toBe('not a url')
    expect(redactUrl(undefined as unknown as string)).toBe(undefined)
  })

  it('removes the extra names given, compared like the built-in ones', () => {
    expect(redactUrl('https://a.example/?customer_no=1&ref=x', ['customer-no'])).toBe(
      'https://a.example/?ref=x',
    )
  })

  it('lists the names the SPEC promises', () => {
    for (const name of ['email', 'token', 'password', 'code', 'api_key', 'access_token']) {
      expect(SECRET_PARAMS).toContain(name)
    }
  })
})
