package dev.milvusmigrate.console;

/** A request the console answers with {@code application/problem+json}: a status and one sentence. */
final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The body of a problem response (RFC 9457). */
  record Body(String type, String title, int status, String detail) {}

  private final int status;
  private final String title;

  ApiProblem(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "Bad request", detail);
  }

  static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "Not found", detail);
  }

  static ApiProblem conflict(String detail) {
    return new ApiProblem(409, "Conflict", detail);
  }

  int status() {
    return status;
  }

  Body body() {
    return new Body("about:blank", title, status, getMessage());
  }
}
