/**
 * The pages people use: hosted sign-in and sign-up, the account pages and the admin console ({@code admin}),
 * server-rendered from jte templates under {@code src/main/jte} that are compiled to Java at build time.
 *
 * <p>The same rules as the JSON edge hold: a handler parses the form, calls one core use case
 * ({@code LoginService}, {@code AccountService}, ...) and maps its outcome to a page or a redirect.
 * Every page is sent with {@link PageRenderer#CONTENT_SECURITY_POLICY} (no inline script or style),
 * {@code Cache-Control: no-store}, and every form that changes state carries a CSRF token checked by
 * {@link FormCsrf}.
 */
@NullMarked
package dev.gatehouse.server.pages;

import org.jspecify.annotations.NullMarked;
