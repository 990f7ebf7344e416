# Sourced by the benchmark scripts: preloaded_zone N prints the zone cluster.internal. with N operator-written
# A records pre-0 … pre-(N-1) (pre-i has 10.(i/62500).(i/250 mod 250).(i mod 250 + 1)), so a write lands in a large zone.
preloaded_zone() {
  echo '$ORIGIN cluster.internal.'
  echo '$TTL 60'
  echo '@ 60 IN SOA ns1 hostmaster 2026010101 3600 600 1209600 60'
  echo '  60 IN NS ns1'
  echo 'ns1 60 IN A 127.0.0.1'
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "pre-%d 60 IN A 10.%d.%d.%d\n", i, int(i / 62500), int(i / 250) % 250, i % 250 + 1 }'
}
