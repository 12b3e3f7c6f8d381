export { launchChromium, CHROMIUM_PATH, CHROMIUM_ARGS } from './chromium.launcher';
export {
  DEVICES,
  IPHONE_UA,
  ANDROID_UA,
  DESKTOP_UA,
  MAC_SAFARI_UA,
  IPHONE_VIEWPORT,
  ANDROID_VIEWPORT,
  DESKTOP_VIEWPORT,
  type DevicePreset,
} from './devices';
