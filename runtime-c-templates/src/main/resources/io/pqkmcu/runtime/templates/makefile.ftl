<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
# ${project.headerText}
#
# make host      build/host/libpqkmodel.so, the model as a shared library for the JNA binding (java/)
<#if project.hasBoard>
# make firmware  build/${project.boardId}/firmware.elf/.bin/.hex, the ${firmware.description} firmware for board ${project.boardId}
# make firmware PROFILE=1
#                build/${project.boardId}-profile/..., the same with a per-layer instruction count (-DPQK_PROFILE)
# make size      section sizes of the firmware
<#else>
# (generated for '${project.boardId}': no firmware board, so `make firmware` and `make size` only explain that)
</#if>

HOST_CC ?= gcc
STRICT_CFLAGS := -std=c99 -Wall -Wextra -Werror -pedantic
# Only the kernel paths this model's layers take (requantization modes, wide sparse indexes) are compiled.
KERNEL_DEFINES := ${project.kernelDefines}
INCLUDES := -Iinclude -Isrc -Isrc/kernels
MODEL_SRCS := \
<#list project.modelSources as src>
	${src}<#sep> \</#sep>
</#list>

HEADERS := $(wildcard include/*.h src/*.h src/kernels/*.h src/frontend/*.h)
<#if project.cmsisNn>

# The dense layers call ARM's CMSIS-NN (generated with --kernels cmsis-nn, v7 API): CMSIS_NN names its
# source tree (make ... CMSIS_NN=/path/to/CMSIS-NN). Its s8 sources are compiled as the library is
# (C99, -O2, its own warnings not turned into errors); unused functions are dropped at link time.
CMSIS_NN ?= ${project.cmsisNnPath}
CMSIS_NN_CFLAGS := -std=c99 -O2 -ffunction-sections -fdata-sections
CMSIS_NN_SRCS = $(sort $(wildcard $(CMSIS_NN)/Source/ConvolutionFunctions/*s8*.c \
	$(CMSIS_NN)/Source/FullyConnectedFunctions/*s8*.c $(CMSIS_NN)/Source/NNSupportFunctions/*s8*.c \
	$(CMSIS_NN)/Source/NNSupportFunctions/arm_q7_to_q15_with_offset.c))
INCLUDES += -I$(CMSIS_NN)/Include
HOST_CMSIS_OBJS = $(patsubst $(CMSIS_NN)/%.c,build/host/cmsis-nn/%.o,$(CMSIS_NN_SRCS))

.PHONY: cmsis-nn-check
cmsis-nn-check:
	@test -f "$(CMSIS_NN)/Include/arm_nnfunctions.h" || { echo "this project calls CMSIS-NN: set CMSIS_NN to its source tree, e.g. make $(MAKECMDGOALS) CMSIS_NN=/path/to/CMSIS-NN (now: '$(CMSIS_NN)')" >&2; exit 1; }

build/host/cmsis-nn/%.o: $(CMSIS_NN)/%.c | cmsis-nn-check
	@mkdir -p $(@D)
	$(HOST_CC) $(CMSIS_NN_CFLAGS) -fPIC -I$(CMSIS_NN)/Include -c $< -o $@
<#else>
HOST_CMSIS_OBJS :=
</#if>

.PHONY: all host firmware size clean
all: host

host: build/host/libpqkmodel.so

# -Bsymbolic: the model's calls into its own kernels bind inside this library. Without it, a process that
# has loaded another model's library first (JNA loads with RTLD_GLOBAL) runs that library's kernels, which
# may be compiled with other KERNEL_DEFINES.
build/host/libpqkmodel.so: $(MODEL_SRCS) $(HEADERS) $(HOST_CMSIS_OBJS)
	@mkdir -p $(@D)
	$(HOST_CC) $(STRICT_CFLAGS) $(KERNEL_DEFINES) -O2 -fPIC -shared -Wl,-Bsymbolic $(INCLUDES) $(MODEL_SRCS) $(HOST_CMSIS_OBJS) -o $@

<#if project.hasBoard>
BOARD := ${project.boardId}
ARM_PREFIX ?= arm-none-eabi-
BOARD_CFLAGS := ${project.boardCflags}
BOARD_LDFLAGS := ${project.boardLdflags}
BOARD_SRCS := \
<#list project.boardSources as src>
	${src}<#sep> \</#sep>
</#list>

APP_SRCS :=<#list firmware.sources as src> ${src}</#list>
FIRMWARE_SRCS := $(MODEL_SRCS) $(APP_SRCS) $(BOARD_SRCS)
# The data blobs .incbin'd by the firmware's .S file: rewriting them reassembles that one file and relinks.
TEST_DATA :=<#list firmware.dataFiles as blob> ${blob}</#list>
FIRMWARE_INCLUDES := $(INCLUDES) -Ifirmware -Ifirmware/board
LINKER_SCRIPT := firmware/board/${project.linkerScript}
# PROFILE=1 builds the profiling firmware in its own folder: the model calls pqk_profile_layer around
# each layer (see src/model.c), which costs instructions, so it never replaces the normal image.
ifeq ($(PROFILE),1)
FW := build/$(BOARD)-profile
PROFILE_CFLAGS := -DPQK_PROFILE
else
FW := build/$(BOARD)
PROFILE_CFLAGS :=
endif
FW_OBJS := $(addprefix $(FW)/obj/,$(addsuffix .o,$(basename $(FIRMWARE_SRCS))))
FW_HEADERS := $(HEADERS) $(wildcard firmware/*.h firmware/board/*.h)
<#if project.cmsisNn>
FW_OBJS += $(patsubst $(CMSIS_NN)/%.c,$(FW)/cmsis-nn/%.o,$(CMSIS_NN_SRCS))

$(FW)/cmsis-nn/%.o: $(CMSIS_NN)/%.c | cmsis-nn-check
	@mkdir -p $(@D)
	$(ARM_PREFIX)gcc $(CMSIS_NN_CFLAGS) $(BOARD_CFLAGS) -I$(CMSIS_NN)/Include -c $< -o $@
</#if>

firmware: $(FW)/firmware.elf $(FW)/firmware.bin $(FW)/firmware.hex

$(FW)/obj/%.o: %.c $(FW_HEADERS)
	@mkdir -p $(@D)
	$(ARM_PREFIX)gcc $(STRICT_CFLAGS) $(KERNEL_DEFINES) -O2 $(BOARD_CFLAGS) $(PROFILE_CFLAGS) $(FIRMWARE_INCLUDES) -c $< -o $@

$(FW)/obj/%.o: %.S $(TEST_DATA)
	@mkdir -p $(@D)
	$(ARM_PREFIX)gcc $(BOARD_CFLAGS) -c $< -o $@

$(FW)/firmware.elf: $(FW_OBJS) $(LINKER_SCRIPT)
	$(ARM_PREFIX)gcc $(BOARD_CFLAGS) $(FW_OBJS) -T $(LINKER_SCRIPT) $(BOARD_LDFLAGS) -Wl,-Map=$(FW)/firmware.map -o $@

$(FW)/firmware.bin: $(FW)/firmware.elf
	$(ARM_PREFIX)objcopy -O binary $< $@

$(FW)/firmware.hex: $(FW)/firmware.elf
	$(ARM_PREFIX)objcopy -O ihex $< $@

size: $(FW)/firmware.elf
	$(ARM_PREFIX)size $<
<#else>
firmware size:
	@echo "this project was generated for '${project.boardId}', which has no firmware board; regenerate it with a board id" >&2; exit 1
</#if>

clean:
	rm -rf build
