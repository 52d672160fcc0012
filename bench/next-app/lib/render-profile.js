// The markup every bench page renders, so that the pages differ only in how they learn who is
// signed in.
import { createElement as h } from 'react';

/** The signed-in user's page: a heading and the email. */
export function renderProfile(heading, email) {
  return h('main', null, h('h1', null, heading), h('p', { id: 'who' }, `Signed in as ${email}`));
}
