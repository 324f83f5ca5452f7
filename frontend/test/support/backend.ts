// The real backend for the integration tests, through its testing entry (the frontend never
// imports backend sources).
export {
  ManualClock as MarketClock,
  startTestBackend as startBackend,
  WEDNESDAY_10AM_NY,
  type TestBackend as RealBackend,
} from "@tradewire/backend/testing";
