/* Finds the tones in raw audio written by SDL's "disk" audio driver (signed 16-bit, mono,
 * 22050 Hz, as bua-kiosk opens its device) and checks that one of them has the given pitch
 * and length: the kiosk's refusal tone is a 220 Hz tone of 450 ms.
 * Usage: kiosk_tone FILE MIN_HZ MAX_HZ MIN_MS  (exit 0: such a tone is there) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 22050

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: kiosk_tone FILE MIN_HZ MAX_HZ MIN_MS\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "kiosk_tone: cannot read %s\n", argv[1]);
        return 2;
    }
    double min_hz = atof(argv[2]);
    double max_hz = atof(argv[3]);
    double min_ms = atof(argv[4]);
    int found = 0;
    long i = 0;
    long start = -1; /* first loud sample of the current tone */
    long last = -1;  /* last loud sample */
    long crossings = 0;
    int prev = 0;
    int16_t s = 0;
    for (;; i++) {
        int got = (int)fread(&s, sizeof s, 1, f);
        int loud = got == 1 && (s > 1000 || s < -1000);
        if (loud) {
            if (start < 0) {
                start = i;
                crossings = 0;
            }
            last = i;
        }
        if (start >= 0 && got == 1 && ((prev < 0 && s >= 0) || (prev >= 0 && s < 0)))
            crossings++;
        /* a tone ends after 20 ms of quiet (or at the end of the file) */
        if (start >= 0 && (got != 1 || i - last > RATE / 50)) {
            double ms = (double)(last - start) * 1000.0 / RATE;
            double hz = ms > 0 ? (double)crossings / 2.0 / (ms / 1000.0) : 0;
            printf("tone at %.0f ms: %.0f ms, %.0f Hz\n", (double)start * 1000.0 / RATE, ms, hz);
            if (hz >= min_hz && hz <= max_hz && ms >= min_ms)
                found = 1;
            start = -1;
        }
        if (got != 1)
            break;
        prev = s;
    }
    fclose(f);
    if (!found)
        fprintf(stderr, "kiosk_tone: no tone of %s-%s Hz lasting %s ms in %s\n", argv[2], argv[3],
                argv[4], argv[1]);
    return found ? 0 : 1;
}
