import { describe, expect, it } from "vitest";
import { fromErrorBody, fromUdfError, normalizeField } from "./apiError";

describe("API error mappers", () => {
  it("maps an ErrorBody with its field and request id", () => {
    expect(
      fromErrorBody(400, {
        code: "INVALID_ORDER",
        message: "bad price",
        field: "limitPrice",
        requestId: "req-42",
      }),
    ).toStrictEqual({
      status: 400,
      code: "INVALID_ORDER",
      message: "bad price",
      field: "limitPrice",
      requestId: "req-42",
    });
  });

  it("leaves field absent when the body has none, and ignores requestType", () => {
    expect(
      fromErrorBody(401, {
        code: "UNAUTHORIZED",
        message: "log in",
        requestType: "x",
      }),
    ).toStrictEqual({
      status: 401,
      code: "UNAUTHORIZED",
      message: "log in",
    });
  });

  it("maps UDF's error shape", () => {
    expect(
      fromUdfError(404, {
        s: "error",
        errmsg: "unknown symbol",
        code: "UNKNOWN_SYMBOL",
        requestId: "req-43",
      }),
    ).toStrictEqual({
      status: 404,
      code: "UNKNOWN_SYMBOL",
      message: "unknown symbol",
      requestId: "req-43",
    });
  });

  it.each([
    ["qty", "qty"],
    ["/qty", "qty"],
    ["body.limitPrice", "limitPrice"],
    ["/body/stopLoss", "stopLoss"],
    ["", undefined],
    [undefined, undefined],
  ])("reads field %j as %j", (field, expected) => {
    expect(normalizeField(field)).toBe(expected);
  });
});
