/* armach guest headers: Mach kernel interface types for LP64 AArch64 (types only). */
#ifndef _MACH_MACH_TYPES_H
#define _MACH_MACH_TYPES_H

#include <mach/message.h>

typedef unsigned long rpc_vm_address_t, rpc_vm_offset_t, rpc_vm_size_t, rpc_phys_addr_t;
typedef long rpc_long_integer_t, long_integer_t;
typedef unsigned long rpc_long_natural_t, long_natural_t;
typedef int vm_prot_t, vm_inherit_t, vm_sync_t, vm_wire_t;
typedef unsigned int vm_machine_attribute_t;
typedef int vm_machine_attribute_val_t;
typedef int memory_object_copy_strategy_t, memory_object_return_t;
typedef natural_t mach_port_type_t, mach_port_right_t, mach_port_urefs_t, mach_port_seqno_t,
	mach_port_mscount_t, mach_port_msgcount_t, mach_port_rights_t;
typedef integer_t mach_port_delta_t;

typedef mach_port_t task_t, thread_t, vm_task_t, ipc_space_t, host_t, host_priv_t, processor_t,
	processor_set_t, processor_set_name_t, memory_object_t, memory_object_control_t,
	memory_object_name_t, device_t;
typedef mach_port_t *thread_array_t, *task_array_t, *processor_array_t,
	*processor_set_name_array_t, *mach_port_array_t, *memory_object_array_t;
typedef mach_port_name_t *mach_port_name_array_t;
typedef mach_port_type_t *mach_port_type_array_t;
typedef vm_offset_t *emulation_vector_t;
typedef vm_offset_t pointer_t;

typedef natural_t *thread_state_t;
typedef integer_t *task_info_t, *thread_info_t, *host_info_t, *processor_info_t, *processor_set_info_t;

typedef struct { integer_t data[13]; } vm_statistics_data_t;
typedef struct { integer_t data[11]; } vm_cache_statistics_data_t;
typedef struct {
	natural_t mps_pset, mps_seqno, mps_mscount, mps_qlimit, mps_msgcount;
	natural_t mps_sorights, mps_srights, mps_pdrequest, mps_nsrequest;
} mach_port_status_t;
typedef struct { rpc_long_integer_t seconds; integer_t microseconds; } time_value_t;
typedef struct { long long seconds; long long nanoseconds; } time_value64_t;

typedef char kernel_version_t[512];
typedef char *kernel_debug_name_t;
typedef rpc_phys_addr_t *rpc_phys_addr_array_t;

/* mach4 */
typedef int sampled_pc_flavor_t;
typedef natural_t sampled_pc_seqno_t;
typedef struct { natural_t id; rpc_vm_offset_t pc; sampled_pc_flavor_t sampletype; } sampled_pc_t;
typedef sampled_pc_t *sampled_pc_array_t;
typedef rpc_vm_offset_t *rpc_vm_offset_array_t;
typedef rpc_vm_size_t *rpc_vm_size_array_t;

/* device */
typedef unsigned int dev_mode_t, dev_flavor_t;
typedef unsigned long long recnum_t;
typedef char dev_name_t[128];
typedef char new_dev_name_t[128];
typedef char *io_buf_ptr_t;
typedef char *io_buf_ptr_inband_t;
typedef int *dev_status_t;
typedef short filter_t;
typedef filter_t *filter_array_t;

/* mach_aarch64 */
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef uint32_t *hwcaps_t;

#endif /* _MACH_MACH_TYPES_H */
