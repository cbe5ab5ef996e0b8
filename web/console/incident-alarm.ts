/** The alarm of a page: a short two-tone sound and a desktop notification, where the browser allows them. */
export function soundAlarm(title: string, body: string): void {
  playTones();
  notify(title, body);
}

let audio: AudioContext | null = null;

function playTones(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [i, freq] of [880, 660, 880].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.15, start + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.25 + 0.22);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.25);
      osc.stop(start + i * 0.25 + 0.23);
    }
  } catch {
    // No audio (autoplay blocked before any click, or no device): the banner still shows.
  }
}

function notify(title: string, body: string): void {
  if (typeof Notification === 'undefined') return;
  if (Notification.permission === 'granted') {
    new Notification(title, { body, tag: title, requireInteraction: true });
  } else if (Notification.permission === 'default') {
    Notification.requestPermission().then(
      (p) => {
        if (p === 'granted') new Notification(title, { body, tag: title, requireInteraction: true });
      },
      () => {},
    );
  }
}
