package org.armach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routine ids against the tables of PROTOCOLS.md section 3. */
class RoutineIdTest {
    private static final String[] TABLE = {
        // 3.1 mach 2000
        "mach 2000 - task_create=2007 task_terminate=2008 task_get_emulation_vector=2009 task_set_emulation_vector=2010 "
            + "task_threads=2011 task_info=2012 thread_terminate=2016 thread_get_state=2017 thread_set_state=2018 "
            + "thread_info=2019 vm_allocate=2021 vm_deallocate=2023 vm_protect=2024 vm_inherit=2025 vm_read=2026 "
            + "vm_write=2027 vm_copy=2028 vm_region=2029 vm_statistics=2030 mach_ports_register=2033 "
            + "mach_ports_lookup=2034 memory_object_data_unavailable=2039 memory_object_get_attributes=2040 "
            + "vm_set_default_memory_manager=2041 memory_object_lock_request=2044 task_suspend=2056 task_resume=2057 "
            + "task_get_special_port=2058 task_set_special_port=2059 thread_create=2061 thread_suspend=2062 "
            + "thread_resume=2063 thread_abort=2064 thread_get_special_port=2067 thread_set_special_port=2068 "
            + "task_set_emulation=2070 task_ras_control=2071 vm_map=2089 memory_object_data_error=2090 "
            + "memory_object_destroy=2092 memory_object_data_supply=2093 memory_object_ready=2094 "
            + "memory_object_change_attributes=2095 vm_machine_attribute=2099",
        // 3.2 mach_port 3200
        "mach_port 3200 - mach_port_names=3200 mach_port_type=3201 mach_port_rename=3202 mach_port_allocate_name=3203 "
            + "mach_port_allocate=3204 mach_port_destroy=3205 mach_port_deallocate=3206 mach_port_get_refs=3207 "
            + "mach_port_mod_refs=3208 mach_port_set_qlimit=3210 mach_port_set_mscount=3211 "
            + "mach_port_get_set_status=3212 mach_port_move_member=3213 mach_port_request_notification=3214 "
            + "mach_port_insert_right=3215 mach_port_extract_right=3216 mach_port_get_receive_status=3217 "
            + "mach_port_set_seqno=3218 mach_port_set_protected_payload=3221 mach_port_clear_protected_payload=3222",
        // 3.3 mach_host 2600
        "mach_host 2600 - host_processors=2600 processor_start=2603 processor_exit=2604 processor_set_default=2606 "
            + "processor_set_create=2608 processor_set_destroy=2609 processor_assign=2611 processor_get_assignment=2612 "
            + "thread_assign=2613 thread_assign_default=2614 thread_get_assignment=2615 task_assign=2616 "
            + "task_assign_default=2617 task_get_assignment=2618 thread_priority=2620 thread_max_priority=2621 "
            + "task_priority=2622 processor_set_max_priority=2623 thread_policy=2624 processor_set_policy_enable=2625 "
            + "processor_set_policy_disable=2626 processor_set_tasks=2627 processor_set_threads=2628 "
            + "host_processor_sets=2629 host_processor_set_priv=2630 thread_depress_abort=2631 host_set_time=2632 "
            + "host_adjust_time=2633 host_get_time=2634 host_reboot=2635 vm_wire=2636 thread_wire=2637 host_info=2638 "
            + "processor_info=2639 processor_set_info=2640 processor_control=2641 host_get_time64=2643 "
            + "host_set_time64=2644 host_adjust_time64=2645 host_get_kernel_version=2646",
        // 3.4 gnumach 4200
        "gnumach 4200 - vm_cache_statistics=4200 thread_terminate_release=4201 task_set_name=4202 "
            + "register_new_task_notification=4203 gsync_wait=4204 gsync_wake=4205 gsync_requeue=4206 vm_wire_all=4207 "
            + "vm_object_sync=4208 vm_msync=4209 vm_allocate_contiguous=4210 task_set_essential=4211 vm_pages_phys=4212 "
            + "thread_set_name=4213",
        // 3.5 mach4 4000
        "mach4 4000 - task_enable_pc_sampling=4000 task_disable_pc_sampling=4001 task_get_sampled_pcs=4002 "
            + "thread_enable_pc_sampling=4003 thread_disable_pc_sampling=4004 thread_get_sampled_pcs=4005 "
            + "memory_object_create_proxy=4010 vm_region_create_proxy=4011",
        // 3.6 device 2800
        "device 2800 - device_open=2800 device_close=2801 device_write=2802 device_write_inband=2803 device_read=2804 "
            + "device_read_inband=2805 device_open_new=2806 device_map=2809 device_set_status=2810 device_get_status=2811 "
            + "device_set_filter=2812 device_intr_register=2813 device_intr_ack=2814",
        // 3.7 exc 2400
        "exc 2400 - exception_raise=2400",
        // 3.8 notify 64
        "notify 64 - mach_notify_port_deleted=65 mach_notify_msg_accepted=66 mach_notify_port_destroyed=69 "
            + "mach_notify_no_senders=70 mach_notify_send_once=71 mach_notify_dead_name=72",
        // 3.9 memory_object 2200
        "memory_object 2200 - memory_object_init=2200 memory_object_terminate=2201 memory_object_copy=2202 "
            + "memory_object_data_request=2203 memory_object_data_unlock=2204 memory_object_lock_completed=2206 "
            + "memory_object_supply_completed=2207 memory_object_data_return=2208 memory_object_change_completed=2209",
        // 3.10 mach_aarch64 4500
        "mach_aarch64 4500 - aarch64_get_hwcaps=4500",
    };

    @Test
    void idsMatchProtocolsSection3() {
        List<String> errors = new ArrayList<>();
        for (String row : TABLE) {
            String[] f = row.split(" ");
            Subsystem s = KernelDefs.get(f[0]);
            assertEquals(Integer.parseInt(f[1]), s.base(), f[0]);
            assertEquals(f.length - 3, s.routines().size(), f[0] + " routine count");
            for (int i = 3; i < f.length; i++) {
                String[] kv = f[i].split("=");
                Routine r = s.byName(kv[0]);
                if (r == null) errors.add(kv[0] + " missing");
                else if (r.id() != Integer.parseInt(kv[1])) errors.add(kv[0] + " id " + r.id() + " != " + kv[1]);
            }
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void replyIdIsRequestPlus100AndSkipsAreEmptySlots() {
        Subsystem mach = KernelDefs.get("mach");
        assertEquals(2121, mach.byName("vm_allocate").replyId());
        for (int id = 2000; id <= 2006; id++) assertEquals(null, mach.byId(id));
        assertNotNull(mach.byId(2099));
        assertEquals(null, mach.byId(2100));
        assertEquals(100, mach.size());
    }
}
