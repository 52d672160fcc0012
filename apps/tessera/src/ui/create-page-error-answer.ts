import { MethodNotAllowedError, type AuthRequest, type AuthResponse, type Logger } from '@tessera/core';
import { isCodedError, problemByErrorCode } from '@tessera/core/api';
import { ApiFaultError } from './create-api-caller.js';
import { page } from './page-responses.js';
import { renderMessagePage } from './render-message-page.js';

/**
 * How the pages answer an error (the router hands them every error on their paths): the problem in
 * words on an HTML page with the same status, `Allow` on a 405. Infrastructure faults and bugs are
 * logged here, without the request's cookies or body.
 *
 * @example
 * const errorPage = createPageErrorAnswer(logger);
 * return errorPage(request, new CsrfRejectedError());
 */
export function createPageErrorAnswer(
  logger: Logger,
): (request: AuthRequest, error: unknown) => AuthResponse {
  return function answerPageError(request, error) {
    if (error instanceof ApiFaultError) {
      return page(
        error.status,
        renderMessagePage({
          title: 'Temporarily unavailable',
          code: 'unavailable',
          text: 'The service is having trouble right now. Try again in a moment.',
          signedIn: false,
        }),
      );
    }
    if (error instanceof MethodNotAllowedError) {
      // The router lists HEAD last; the pages have always said it right after GET.
      const allowed = error.allow.filter((method) => method !== 'HEAD');
      if (allowed.includes('GET')) allowed.splice(allowed.indexOf('GET') + 1, 0, 'HEAD');
      const response = page(
        405,
        renderMessagePage({
          title: 'Not here',
          code: 'method_not_allowed',
          text: `This address accepts ${allowed.join(', ')}.`,
          signedIn: false,
        }),
      );
      response.headers.push(['allow', allowed.join(', ')]);
      return response;
    }
    if (isCodedError(error)) {
      const { status, code } = problemByErrorCode[error.code];
      const text =
        code === 'unsupported_media_type'
          ? 'Send this form as application/x-www-form-urlencoded, as a browser does.'
          : error.message;
      const title =
        code === 'csrf_rejected'
          ? 'Request refused'
          : status >= 500
            ? 'Temporarily unavailable'
            : 'Something is not right';
      const response = page(status, renderMessagePage({ title, code, text, signedIn: false }));
      if (status >= 500) logger.error('infrastructure unavailable', { code: error.code, path: request.path });
      return response;
    }
    logger.error('unhandled error in the web UI', {
      path: request.path,
      error: error instanceof Error ? error.name : typeof error,
    });
    return page(
      500,
      renderMessagePage({
        title: 'Something went wrong',
        code: 'internal_error',
        text: 'Something went wrong on our side. Try again.',
        signedIn: false,
      }),
    );
  };
}
