package dev.milvusmigrate.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Who may do what: a read token reads, an operator token also submits, stops and cancels. The
 * token comes in the {@code Authorization} header, as {@code Bearer <token>} (scripts) or as the
 * password of HTTP Basic (the browser, which then sends it with the page's own requests and its
 * event stream); never from a cookie. Tokens are compared in constant time.
 */
final class AccessControl {

  /** What a request may do. */
  enum Grant { NONE, READ, OPERATE }

  private final List<byte[]> readTokens;
  private final List<byte[]> operatorTokens;

  AccessControl(List<String> readTokens, List<String> operatorTokens) {
    this.readTokens = bytes(readTokens);
    this.operatorTokens = bytes(operatorTokens);
  }

  /** The grant of a request with this {@code Authorization} header (null when absent). */
  Grant grant(String authorization) {
    byte[] token = token(authorization);
    if (token == null) {
      return Grant.NONE;
    }
    if (matches(operatorTokens, token)) {
      return Grant.OPERATE;
    }
    return matches(readTokens, token) ? Grant.READ : Grant.NONE;
  }

  private static byte[] token(String authorization) {
    if (authorization == null) {
      return null;
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String userAndPassword = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
            StandardCharsets.UTF_8);
        int colon = userAndPassword.indexOf(':');
        return colon < 0 ? null : userAndPassword.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  private static boolean matches(List<byte[]> tokens, byte[] given) {
    boolean match = false;
    for (byte[] token : tokens) {
      match |= MessageDigest.isEqual(token, given);
    }
    return match;
  }

  private static List<byte[]> bytes(List<String> tokens) {
    return tokens.stream().map(token -> token.getBytes(StandardCharsets.UTF_8)).toList();
  }
}
