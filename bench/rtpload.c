/* rtpload.c - sends 20 ms u-law RTP packets (172 bytes) to many UDP ports at once, as media
 * servers forking calls would: every port gets one packet each 20 ms for SECONDS.
 *   rtpload HOST SECONDS PORT...        (or ports one per line on stdin when none are given)
 * Prints packets sent and the ticks it fell behind. Uses sendmmsg in batches of 256. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXP 20000
#define BATCH 256

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: rtpload HOST SECONDS [PORT...]\n");
    return 2;
  }
  static int ports[MAXP];
  int n = 0;
  for (int i = 3; i < argc && n < MAXP; i++) ports[n++] = atoi(argv[i]);
  if (n == 0) {
    int p;
    while (n < MAXP && scanf("%d", &p) == 1) ports[n++] = p;
  }
  double seconds = atof(argv[2]);
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  int sndbuf = 8 << 20;
  setsockopt(s, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
  static struct sockaddr_in to[MAXP];
  static uint8_t pkt[MAXP][172];
  for (int i = 0; i < n; i++) {
    to[i].sin_family = AF_INET;
    to[i].sin_port = htons((uint16_t)ports[i]);
    inet_pton(AF_INET, argv[1], &to[i].sin_addr);
    memset(pkt[i], 0x55, sizeof pkt[i]);
    pkt[i][0] = 0x80;
    uint32_t ssrc = htonl(0x10000 + (uint32_t)i);
    memcpy(pkt[i] + 8, &ssrc, 4);
  }
  static struct mmsghdr msgs[BATCH];
  static struct iovec iov[BATCH];
  long sent = 0, late = 0;
  double start = now();
  long ticks = (long)(seconds * 50);
  for (long tick = 0; tick < ticks; tick++) {
    uint16_t seq = htons((uint16_t)tick);
    uint32_t ts = htonl((uint32_t)(tick * 160));
    for (int i = 0; i < n; i += BATCH) {
      int m = n - i < BATCH ? n - i : BATCH;
      for (int k = 0; k < m; k++) {
        memcpy(pkt[i + k] + 2, &seq, 2);
        memcpy(pkt[i + k] + 4, &ts, 4);
        iov[k].iov_base = pkt[i + k];
        iov[k].iov_len = 172;
        memset(&msgs[k].msg_hdr, 0, sizeof msgs[k].msg_hdr);
        msgs[k].msg_hdr.msg_iov = &iov[k];
        msgs[k].msg_hdr.msg_iovlen = 1;
        msgs[k].msg_hdr.msg_name = &to[i + k];
        msgs[k].msg_hdr.msg_namelen = sizeof to[i + k];
      }
      int done = 0;
      while (done < m) {
        int r = sendmmsg(s, msgs + done, (unsigned)(m - done), 0);
        if (r <= 0) break;
        done += r;
      }
      sent += done;
    }
    double next = start + (tick + 1) * 0.02;
    double left = next - now();
    if (left > 0) {
      usleep((useconds_t)(left * 1e6));
    } else {
      late++;
    }
  }
  printf("ports=%d seconds=%.1f sent=%ld late_ticks=%ld\n", n, now() - start, sent, late);
  return 0;
}
