import { describe, expect, it } from "vitest";
import { addressKey, originAllowed } from "./upgrade-checks";

describe("originAllowed", () => {
  const none = new Set<string>();
  const page = { protocol: "http", host: "app.example.com:8000" };

  it("allows the page's own scheme, host and port, written any way a browser may", () => {
    expect(originAllowed("http://app.example.com:8000", page, none)).toBe(true);
    expect(originAllowed("HTTP://App.Example.COM:8000", page, none)).toBe(true);
    const tls = { protocol: "https", host: "app.example.com" };
    expect(originAllowed("https://app.example.com:443", tls, none)).toBe(true);
    expect(originAllowed("https://app.example.com", tls, none)).toBe(true);
  });

  it("refuses another port, a sibling or parent domain, another scheme, null and garbage", () => {
    for (const origin of [
      "http://app.example.com:8001",
      "http://evil.example.com:8000",
      "http://example.com:8000",
      "https://app.example.com:8000",
      "null",
      "app.example.com:8000",
      "",
    ])
      expect(originAllowed(origin, page, none)).toBe(false);
    // A default port on one side only is another origin.
    expect(
      originAllowed(
        "http://app.example.com",
        { ...page, host: "app.example.com:8000" },
        none,
      ),
    ).toBe(false);
  });

  it("allows ALLOWED_ORIGINS, and requests without Origin (programs, not pages)", () => {
    const allowed = new Set(["https://terminal.partner.example"]);
    expect(
      originAllowed("https://terminal.partner.example", page, allowed),
    ).toBe(true);
    expect(originAllowed("https://partner.example", page, allowed)).toBe(false);
    expect(originAllowed(undefined, page, none)).toBe(true);
  });
});

describe("addressKey", () => {
  it("counts IPv4 addresses one by one, IPv4-mapped ones as IPv4", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address under its /64, however it is written", () => {
    const key = "2001:db8:aa:bb::/64";
    expect(addressKey("2001:db8:aa:bb::1")).toBe(key);
    expect(addressKey("2001:0db8:00aa:00bb:1234:5678:9abc:def0")).toBe(key);
    expect(addressKey("2001:DB8:AA:BB:ffff::2")).toBe(key);
    expect(addressKey("2001:db8:aa:bc::1")).not.toBe(key);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });
});
