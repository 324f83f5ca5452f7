import type { FiredAlert } from "../../model/alert";

/** What announcing an alert needs of the browser; a test passes its own. */
export interface NotifyEnvironment {
  /** True while the page is not visible (another tab, a minimised window). */
  hidden(): boolean;
  permission(): NotificationPermission | "unsupported";
  showNotification(title: string, body: string, tag: string): void;
  beep(): void;
}

export interface Announcement {
  /** A toast in the terminal: always, so the trader sees it on coming back. */
  readonly toast: true;
  readonly notification: boolean;
  readonly sound: boolean;
}

/**
 * How a fired alert (or an order's news) reaches the trader: a toast always; a browser Notification only while the
 * page is hidden, the trader turned them on and the browser granted them; a beep when turned on.
 */
export function announcement(
  prefs: { readonly notifications: boolean; readonly sound: boolean },
  env: Pick<NotifyEnvironment, "hidden" | "permission">,
): Announcement {
  return {
    toast: true,
    notification:
      prefs.notifications && env.hidden() && env.permission() === "granted",
    sound: prefs.sound,
  };
}

/** Something announced: a fired alert, an order's fill or rejection. */
export interface Message {
  readonly title: string;
  readonly body: string;
  /** A repeat with the same tag replaces the browser notification rather than stacking. */
  readonly tag: string;
}

/** Plays the parts of `announcement` that are the browser's (the toast is the store's). */
export function announceMessage(
  message: Message,
  plan: Announcement,
  env: NotifyEnvironment,
): void {
  if (plan.notification)
    env.showNotification(message.title, message.body, message.tag);
  if (plan.sound) env.beep();
}

export function announce(
  alert: FiredAlert,
  plan: Announcement,
  env: NotifyEnvironment,
): void {
  announceMessage(
    { title: alert.name, body: alert.message, tag: `alert-${alert.sequence}` },
    plan,
    env,
  );
}

let audio: AudioContext | undefined;

/** A 120 ms tone; browsers allow audio once the page has had a user gesture. */
function beep(): void {
  const Context = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Context) return;
  try {
    audio ??= new Context();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.value = 0.08;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.12);
  } catch {
    // A refused audio context only loses the sound; the toast is still there.
  }
}

/** The real browser, where each part is optional (no Notification API, no audio). */
export const browserEnvironment: NotifyEnvironment = {
  hidden: () => globalThis.document?.visibilityState === "hidden",
  permission: () =>
    typeof globalThis.Notification === "function"
      ? globalThis.Notification.permission
      : "unsupported",
  showNotification(title, body, tag) {
    try {
      new globalThis.Notification(title, { body, tag });
    } catch {
      // Some browsers only allow notifications from a service worker: the toast remains.
    }
  },
  beep,
};
