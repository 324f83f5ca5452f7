import { ConnectionStatus } from "@tradewire/client";
import { describe, expect, it } from "vitest";
import { toBrokerConnection } from "./brokerConnection";

describe("toBrokerConnection", () => {
  it.each(Object.values(ConnectionStatus))(
    "maps status %d and the message",
    (status) => {
      expect(
        toBrokerConnection({ status, message: "ok", time: 5 }),
      ).toStrictEqual({
        status,
        message: "ok",
        time: 5,
      });
    },
  );

  it("leaves the message absent when there is none", () => {
    expect(
      toBrokerConnection({ status: ConnectionStatus.Connected, time: 0 }),
    ).toStrictEqual({
      status: ConnectionStatus.Connected,
      time: 0,
    });
  });
});
