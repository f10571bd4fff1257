// A new build's service worker, installed and waiting for the page to let it take over.
import { create } from 'zustand';

interface UpdateStore {
  waiting: ServiceWorker | null;
  /** The user chose "Later": the prompt stays away until the next waiting worker. */
  dismissed: boolean;
  setWaiting: (w: ServiceWorker) => void;
  dismiss: () => void;
}

export const useUpdateStore = create<UpdateStore>((set, get) => ({
  waiting: null,
  dismissed: false,
  setWaiting: (w) => {
    if (get().waiting !== w) set({ waiting: w, dismissed: false });
  },
  dismiss: () => set({ dismissed: true }),
}));
