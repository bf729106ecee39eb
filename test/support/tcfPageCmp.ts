// The TCF CMP script of test/pages/consent-tcf.html: IAB's real CmpApi, bundled for the page by
// esbuild (tcfPageBundle.ts). Like a real CMP it keeps the visitor's TC string in the
// euconsent-v2 cookie and reports it (tcloaded) when it loads on the next page; a new visitor
// gets the banner (cmpuishown). Choices are real TC strings encoded by @iabtcf/core.
import { CmpApi, CmpApiModel } from '@iabtcf/cmpapi'
import { ACCEPT_ALL, tcString, type TcChoice } from './tcfStrings'

/** What the test drives: the banner's buttons, and how many listeners the CmpApi serves. */
export interface TcfTest {
  grant(): void
  withdraw(): void
  listeners(): number
}

// The withdrawal takes back every consent but leaves the legitimate interests standing, as a
// visitor does who objects to none: purpose 8 is still allowed then, so only purpose 1 (storage,
// consent only) makes it a denial.
const WITHDRAW_CONSENTS: TcChoice = { legitimateInterests: ACCEPT_ALL.legitimateInterests }

const COOKIE = 'euconsent-v2'
const stored = () =>
  document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1)

const api = new CmpApi(10, 1)
const previous = stored()
if (previous) api.update(previous)
else api.update('', true)

const choose = (choice: TcChoice) => {
  const encoded = tcString(choice)
  document.cookie = `${COOKIE}=${encoded}; path=/; max-age=31536000; SameSite=Lax`
  api.update(encoded)
}

;(window as unknown as { tcfTest: TcfTest }).tcfTest = {
  grant: () => choose(ACCEPT_ALL),
  withdraw: () => choose(WITHDRAW_CONSENTS),
  listeners: () => CmpApiModel.eventQueue.size,
}
