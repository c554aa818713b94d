package org.armach.mach.vm;

/**
 * A handle on an anonymous (internal) VM object that vm_map may map shared, as GNU Mach maps the
 * object a proxy names (vm_region_create_proxy on anonymous memory; GNU Mach would first give
 * the object a pager from the default memory manager, which cannot be observed from user space).
 */
public final class InternalObject {
    final VmObject object;
    private final PhysPages phys;

    InternalObject(VmObject object, PhysPages phys) {
        this.object = object;
        this.phys = phys;
        object.refs++; // the handle's own reference
    }

    /** A new reference for a mapping (vm_object_enter). */
    VmObject reference() {
        object.refs++;
        return object;
    }

    /** Drops the handle's reference (the proxy died). */
    public void release() {
        VmObject.release(object, phys);
    }
}
