# Regenerates the committed MIG user stubs in this directory from the project's .defs.
# Needs only a JDK and a built mach-kernel (mvn -pl mach-kernel -am compile).
# Usage from glibc-shim/: make -f mig/mig.mk
ROOT ?= ..
MIG_CP ?= $(ROOT)/mach-kernel/target/classes
DEFS_DIR := $(ROOT)/mach-kernel/src/main/defs
MIG_SUBSYSTEMS := mach mach_port mach_host gnumach mach4 device exc notify memory_object mach_aarch64

.PHONY: mig-stubs
mig-stubs:
	java -cp $(MIG_CP) org.armach.mig.Main $(MIG_SUBSYSTEMS:%=$(DEFS_DIR)/%.defs) mig
