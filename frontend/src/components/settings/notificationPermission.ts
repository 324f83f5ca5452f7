/** Asks the browser for notifications; true when they are allowed (false where there are none). */
export async function askNotificationPermission(): Promise<boolean> {
  const api = globalThis.Notification;
  if (!api) return false;
  if (api.permission === "granted") return true;
  if (api.permission === "denied") return false;
  return (await api.requestPermission()) === "granted";
}
