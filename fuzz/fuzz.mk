# fuzz.mk — builds the libFuzzer harnesses (GNU make; run through `make fuzz` in a configured
# build tree, see mk/fuzz.am, which passes srcdir, AUTOCONF_DIR, DEP_CFLAGS and DEP_LIBS). The
# library sources are compiled again with clang, coverage instrumentation, ASan and UBSan into
# fuzz/obj; the normal build is not touched. One binary per harness in fuzz/bin.
FUZZ_CC = clang-14
SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined
CFLAGS_FUZZ = -g -O1 -fno-omit-frame-pointer -std=c11 -D_GNU_SOURCE -Wall -Wextra $(SAN) \
	-I$(srcdir)/src -I$(AUTOCONF_DIR) -DHAVE_LW_AUTOCONF_H $(DEP_CFLAGS) \
	-DLW_DATADIR='"/usr/share"' -DLW_SYSCONFDIR='"/etc"'

FUZZ_CXX = clang++-14
LIB_SRCS := $(filter-out $(srcdir)/src/main.c,$(wildcard $(srcdir)/src/*.c $(srcdir)/src/inspect/*.c))
LIB_CXX_SRCS := $(wildcard $(srcdir)/src/inspect/*.cc)
LIB_OBJS := $(patsubst $(srcdir)/%.c,fuzz/obj/%.o,$(LIB_SRCS)) $(patsubst $(srcdir)/%.cc,fuzz/obj/%.o,$(LIB_CXX_SRCS))
MODEL = -DFUZZ_MODEL='"$(srcdir)/signatures/message-model.tsv"'

# name:nDPI label:responder port — the inspect harness leaning towards each decoder.
INSPECT_PROTOS = http:HTTP:80 websocket:WebSocket:80 smtp:SMTP:25 pop3:POP3:110 imap:IMAP:143 \
	nntp:NNTP:119 xmpp:XMPP:5222 irc:IRC:6667 mqtt:MQTT:1883 redis:Redis:6379 stomp:STOMP:61613 \
	kafka:Kafka:9092 coap:CoAP:5683 smpp:SMPP:2775 \
	ipmsg:IPMsg:2425 oscar:OSCAR:5190 amqp:AMQP:5672 h2:HTTP2:50051 \
	thrift:Thrift:9090 nats:NATS:4222 zephyr:Zephyr:2104 modem:Unknown:2000
PLAIN = decode reassembly json dns config signatures engine inspect quic
HARNESSES = $(PLAIN) $(foreach p,$(INSPECT_PROTOS),inspect-$(word 1,$(subst :, ,$(p))))
BINS = $(addprefix fuzz/bin/,$(HARNESSES))

all: $(BINS)

fuzz/obj/%.o: $(srcdir)/%.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC   $*.c"
	@$(FUZZ_CC) $(CFLAGS_FUZZ) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

fuzz/obj/%.o: $(srcdir)/%.cc
	@mkdir -p $(dir $@)
	@echo "  FUZZCXX  $*.cc"
	@$(FUZZ_CXX) -g -O1 -fno-omit-frame-pointer -std=c++11 $(SAN) -fsanitize=fuzzer-no-link -I$(srcdir)/src \
		-MMD -MP -c -o $@ $<

fuzz/obj/harness-%.o: $(srcdir)/fuzz/fuzz_%.c
	@mkdir -p $(dir $@)
	@echo "  FUZZCC   fuzz_$*.c"
	@$(FUZZ_CC) $(CFLAGS_FUZZ) -fsanitize=fuzzer-no-link -DFUZZ_SIGNATURES='"$(srcdir)/signatures"' $(MODEL) \
		-MMD -MP -c -o $@ $<

define inspect_variant
fuzz/obj/harness-inspect-$(word 1,$(subst :, ,$(1))).o: $(srcdir)/fuzz/fuzz_inspect.c
	@mkdir -p $$(dir $$@)
	@echo "  FUZZCC   fuzz_inspect.c ($(word 2,$(subst :, ,$(1))))"
	@$(FUZZ_CC) $(CFLAGS_FUZZ) -fsanitize=fuzzer-no-link $(MODEL) -DFUZZ_PROTO='"$(word 2,$(subst :, ,$(1)))"' \
		-DFUZZ_PORT=$(word 3,$(subst :, ,$(1))) -MMD -MP -c -o $$@ $$<
endef
$(foreach p,$(INSPECT_PROTOS),$(eval $(call inspect_variant,$(p))))

fuzz/bin/%: fuzz/obj/harness-%.o $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  FUZZLD   $@"
	@$(FUZZ_CC) $(SAN) -fsanitize=fuzzer -o $@ $^ $(DEP_LIBS)

.PHONY: all
-include $(LIB_OBJS:.o=.d) $(patsubst %,fuzz/obj/harness-%.d,$(HARNESSES))
