import { describe, expect, it } from "vitest";
import { fired } from "../../../test/support/alerts";
import {
  announce,
  announcement,
  type NotifyEnvironment,
} from "./alertNotifier";

/** A browser stand-in that records what it was asked to show and play. */
function environment(
  hidden: boolean,
  permission: NotificationPermission | "unsupported",
) {
  const shown: [string, string, string][] = [];
  let beeps = 0;
  const env: NotifyEnvironment = {
    hidden: () => hidden,
    permission: () => permission,
    showNotification: (title, body, tag) => void shown.push([title, body, tag]),
    beep: () => void (beeps += 1),
  };
  return { env, shown, beeps: () => beeps };
}

describe("how a fired alert reaches the trader", () => {
  const on = { notifications: true, sound: false };

  it("always toasts; a browser Notification only when hidden, turned on and granted", () => {
    const cases: [
      boolean,
      boolean,
      NotificationPermission | "unsupported",
      boolean,
    ][] = [
      [true, true, "granted", true],
      [false, true, "granted", false],
      [true, false, "granted", false],
      [true, true, "default", false],
      [true, true, "denied", false],
      [true, true, "unsupported", false],
    ];
    for (const [hidden, notifications, permission, expected] of cases) {
      const plan = announcement(
        { notifications, sound: false },
        environment(hidden, permission).env,
      );
      expect([hidden, notifications, permission, plan]).toEqual([
        hidden,
        notifications,
        permission,
        { toast: true, notification: expected, sound: false },
      ]);
    }
  });

  it("beeps when the trader turned the sound on, visible or not", () => {
    expect(
      announcement(
        { notifications: false, sound: true },
        environment(false, "default").env,
      ).sound,
    ).toBe(true);
    expect(
      announcement(
        { notifications: false, sound: false },
        environment(true, "granted").env,
      ).sound,
    ).toBe(false);
  });

  it("shows the alert's name and formatted message, tagged by sequence so a repeat replaces it", () => {
    const hidden = environment(true, "granted");
    announce(
      fired(7),
      announcement({ ...on, sound: true }, hidden.env),
      hidden.env,
    );
    expect(hidden.shown).toEqual([
      [
        "BTCUSD above 90000",
        "BTCUSD crossed above 90,000.00 at 90,001.00",
        "alert-7",
      ],
    ]);
    expect(hidden.beeps()).toBe(1);
    const visible = environment(false, "granted");
    announce(fired(8), announcement(on, visible.env), visible.env);
    expect(visible.shown).toEqual([]);
    expect(visible.beeps()).toBe(0);
  });
});
